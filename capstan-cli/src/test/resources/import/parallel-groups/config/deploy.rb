set :application, "cluster"
set :repo_url, "git@example.com:acme/cluster.git"
