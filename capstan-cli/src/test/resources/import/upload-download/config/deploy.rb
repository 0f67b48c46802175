set :application, "docs"
set :repo_url, "git@example.com:acme/docs.git"
set :deploy_to, "/srv/docs"
