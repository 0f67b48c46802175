namespace :config do
  desc "Upload the shared configuration"
  task :upload do
    on roles(:web) do
      execute :mkdir, "-p", "#{shared_path}/config"
      upload! "config/app.yml", "#{shared_path}/config/app.yml"
      upload! "config/nginx", "#{shared_path}/config", recursive: true
      upload! StringIO.new("key: value\n"), "#{shared_path}/config/extra.yml"
    end
  end

  desc "Download the production log"
  task :fetch_log do
    on roles(:web) do |host|
      download! "#{shared_path}/log/production.log", "log/#{host.hostname}.log"
    end
  end
end
