set :application, "billing"
set :repo_url, "git@example.com:acme/billing.git"
set :rails_env, "production"
set :pty, true
