set :application, "jobs"
set :repo_url, "git@example.com:acme/jobs.git"

Rake::Task["deploy:cleanup"].clear_actions
