lock "~> 3.11"

set :application, "shop"
set :repo_url, "git@github.com:acme/shop.git"
set :deploy_to, "/var/www/#{fetch(:application)}"
set :keep_releases, 3

append :linked_files, "config/database.yml", "config/master.key"
append :linked_dirs, "log", "tmp/pids", "tmp/cache", "tmp/sockets", "public/system"

# set :default_env, { path: "/opt/ruby/bin:$PATH" }
set :default_env, { path: "/opt/ruby/bin:$PATH" }

# Capistrano's template: set :ssh_options, verify_host_key: :secure
set :ssh_options, forward_agent: true, verify_host_key: :secure
set :format_options, command_output: true, log_file: "log/capistrano.log", color: :auto, truncate: :auto
