namespace :app do
  desc "Print the stage and the servers"
  task :where do
    on roles(:all) do |host|
      info "#{fetch(:stage)} #{host.hostname} #{host.roles.to_a.join(',')}"
      execute :echo, fetch(:stage), host.hostname
    end
  end
end

after "deploy:published", "app:where"
