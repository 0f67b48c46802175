set :application, "api"
set :repo_url, "git@example.com:acme/api.git"
set :deploy_to, "/srv/api"
