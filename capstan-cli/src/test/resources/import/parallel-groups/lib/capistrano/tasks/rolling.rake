namespace :cluster do
  desc "Restart the web servers two at a time"
  task :rolling_restart do
    on roles(:web), in: :groups, limit: 2, wait: 0 do |host|
      execute :sudo, :systemctl, :restart, "puma"
    end
  end

  desc "Restart the workers one by one"
  task :restart_workers do
    on roles(%w{worker db}), in: :sequence, wait: 0 do
      execute :sudo, :systemctl, :restart, "sidekiq"
    end
  end

  desc "Uptime everywhere"
  task :uptime do
    on roles(:all), in: :parallel do |host|
      uptime = capture(:uptime)
      info "#{host.hostname}: #{uptime}"
    end
  end
end

after "deploy:published", "cluster:rolling_restart"
after "cluster:rolling_restart", "cluster:restart_workers"
