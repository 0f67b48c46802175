namespace :rails do
  desc "Open a rails console"
  task :migrate_status do
    on primary(:db) do
      within release_path do
        with rails_env: fetch(:rails_env) do
          execute :bundle, :exec, :rake, "db:migrate:status"
        end
      end
    end
  end
end
