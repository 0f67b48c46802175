namespace :jobs do
  desc "Stop the job runner"
  task :stop do
    on roles(:app) do
      execute :echo, "stop"
    end
  end

  desc "Start the job runner"
  task :start do
    on roles(:app) do
      execute :echo, "start"
    end
  end

  desc "Restart the job runner"
  task :restart do
    invoke "jobs:stop"
    invoke "jobs:start"
  end

  task :again do
    invoke! "jobs:stop"
    Rake::Task["jobs:start"].reenable
  end
end

after "deploy:published", "jobs:restart"
