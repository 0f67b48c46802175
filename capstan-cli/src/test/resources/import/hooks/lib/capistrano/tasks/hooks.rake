namespace :deploy do
  desc "Restart the application"
  task :restart do
    on roles(:app), in: :sequence, wait: 1 do
      execute :touch, "#{release_path}/tmp/restart.txt"
    end
  end

  desc "Announce the release"
  task :announce do
    on roles(:web) do |host|
      execute :echo, "released", fetch(:application), "on", host.hostname
    end
  end

  before :starting, :check_branch
  after :publishing, :restart
  after :finishing, :announce
end

desc "Check the branch exists"
task :check_branch do
  run_locally do
    info "deploying #{fetch(:branch)}"
  end
end

task :smoke do
  on roles(:web) do
    execute :curl, "-fsS", "http://localhost/health"
  end
end

after "deploy:finished", "smoke"
