set :application, "oldapp"
set :repository, "git@example.com:acme/oldapp.git"
set :scm, :git
set :use_sudo, false
set :user, "deploy"

role :web, "127.0.0.131"
role :app, "127.0.0.131"

namespace :deploy do
  task :restart, :roles => :app, :except => { :no_release => true } do
    run "touch #{current_path}/tmp/restart.txt"
  end
end

def remote_file_exists?(path)
  results = []
  invoke_command("if [ -e '#{path}' ]; then echo -n 'true'; fi") do |ch, stream, out|
    results << (out == 'true')
  end
  results.all?
end
