namespace :db do
  desc "Run the migrations as the app user"
  task :migrate do
    on roles(:db) do
      within "/srv/billing/current" do
        with rails_env: fetch(:rails_env), rack_env: "production" do
          as "billing" do
            execute :rake, "db:migrate"
          end
        end
      end
    end
  end

  desc "Seed the database"
  task :seed do
    on primary :db do
      # a test inside within: SSHKit ignores within for a command with a space, Capstan does not (see the docs)
      if test("[ -f /srv/billing/current/db/seeds.rb ]")
        within "/srv/billing/current" do
          execute :rake, "db:seed"
        end
      end
    end
  end
end

after "deploy:published", "db:migrate"
