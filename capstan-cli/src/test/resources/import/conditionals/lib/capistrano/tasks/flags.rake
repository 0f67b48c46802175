namespace :flags do
  desc "Toggle maintenance and size the workers"
  task :apply do
    on roles(:app) do |host|
      marker = "#{shared_path}/maintenance"
      if fetch(:maintenance)
        execute :touch, marker
      elsif test("[ -f #{marker} ]")
        execute :rm, "-f", marker
      else
        info "no maintenance on #{host}"
      end
      unless fetch(:workers).to_i > 4
        execute :echo, "workers", fetch(:workers)
      end
      execute :echo, "web too" if host.roles.include?(:web)
      execute :echo, "no db" unless host.roles.include?(:db)
      %w{one two}.each do |name|
        execute :echo, name
      end
    end
  end
end

before "deploy:starting", "flags:apply"
