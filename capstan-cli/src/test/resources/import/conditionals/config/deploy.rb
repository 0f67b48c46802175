set :application, "flags"
set :repo_url, "git@example.com:acme/flags.git"
set :maintenance, false
set :workers, 2
