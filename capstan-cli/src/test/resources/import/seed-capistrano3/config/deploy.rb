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

SSHKit.config.command_map = Hash.new do |hash, key|
  if %i{rails rake bundle clockwork heroku}.include?(key.to_sym)
    hash[key] = "/usr/bin/env myproject_bundle exec myproject_#{key}"
  else
    hash[key] = "/usr/bin/env #{key}"
  end
end

# a shape that is not the README's: left as a TODO
SSHKit.config.command_map = Hash.new do |hash, key|
  if %i{rails rake bundle clockwork heroku}.include?(key.to_sym) && fetch(:myproject)
    hash[key] = "/usr/bin/env myproject_bundle exec myproject_#{key}"
  else
    hash[key] = "/usr/bin/env #{key}"
  end
end
