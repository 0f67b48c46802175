# config valid for Capistrano 3
lock '~> 3.1'

set :application, 'capistrano_introduction'
set :repo_url, 'git@github.com:k2works/capistrano_introduction.git'
set :deploy_to, '/usr/share/nginx/www/capistrano_introduction'
