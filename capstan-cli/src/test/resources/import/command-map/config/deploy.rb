set :application, "mapper"
set :repo_url, "git@example.com:acme/mapper.git"

SSHKit.config.command_map = Hash.new do |hash, key|
  if %i{rails rake bundle sidekiq}.include?(key.to_sym)
    hash[key] = "/usr/bin/env bundle exec #{key}"
  else
    hash[key] = "/usr/bin/env #{key}"
  end
end

SSHKit.config.command_map[:rake] = "bin/rake"
SSHKit.config.command_map.prefix[:rails].push("bundle exec")
SSHKit.config.command_map.prefix[:sidekiqctl].unshift("RAILS_ENV=production")
set :ssh_options, { forward_agent: true, non_interactive: true, keepalive: true, keepalive_interval: 60 }
