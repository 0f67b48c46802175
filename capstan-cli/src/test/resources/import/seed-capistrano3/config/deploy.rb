set :application, 'social'
set :repo_url, 'git@example.com:social.git'

SSHKit.config.command_map[:rake]  = "bundle exec rake"
SSHKit.config.command_map[:rails] = "bundle exec rails"

SSHKit.config.command_map = Hash.new do |hash, key|
  if %i{rails rake bundle clockwork heroku}.include?(key.to_sym)
    hash[key] = "/usr/bin/env bundle exec #{key}"
  else
    hash[key] = "/usr/bin/env #{key}"
  end
end
