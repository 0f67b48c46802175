set :application, "blog"
set :repo_url, "https://github.com/acme/blog.git"
set :rbenv_type, :user
set :rbenv_ruby, File.read('.ruby-version').strip
set :passenger_restart_with_touch, true
set :migration_role, :db
set :assets_roles, [:web, :app]

append :linked_files, "config/master.key"
append :linked_dirs, "log", "tmp/pids", "tmp/cache", "tmp/sockets", "vendor/bundle", "public/system", "public/uploads"
