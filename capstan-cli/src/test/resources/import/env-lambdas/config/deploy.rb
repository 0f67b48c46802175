set :application, "site"
set :repo_url, "git@example.com:acme/site.git"
set :branch, -> { ENV["BRANCH"] || "main" }
set :revision_note, -> { ENV.fetch("NOTE", "none") }
set :deploy_to, -> { "/var/www/#{fetch(:application)}-#{fetch(:stage)}" }
set :tmp_dir, lambda { "/tmp/#{fetch(:application)}" }
ask :db_password, nil, echo: false
set_if_empty :keep_releases, 4
set :current_branch, `git rev-parse --abbrev-ref HEAD`.chomp
