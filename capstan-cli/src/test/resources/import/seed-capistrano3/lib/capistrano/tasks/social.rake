# Capistrano 3.0.x
task :restart do
  on :all, in: :parallel do |host|
    if host.roles.include?(:app)
      execute "/u/apps/social/script/restart-mongrel"
    elsif host.roles.include?(:web)
      execute "/u/apps/social/script/restart-web"
    else
      info sprintf("Nothing to do for %s with roles %s", host,
      host.properties.roles)
    end
  end
end

task :rolling do
  on :all, in: :groups, max: 3, wait: 5 do
    # Take all servers, in groups of three which execute in parallel
    # wait five seconds between groups of servers.
    # This is perfect for rolling restarts
    execute :uptime
  end

  on :all, in: :sequence, wait: 15 do
    # This takes all servers, in sequence and waits 15 seconds between
    # each server
    execute :uptime
  end
end

task :notify do
  this_release_tag = sh("git describe --abbrev=0 --tags")
end

namespace :deploy do
  task default: :notify
end

desc "Cleanup all old releases (keeps #{fetch(:releases_to_keep_on_cleanup)} old releases"
task :cleanup do
  keep_releases     = fetch(:releases_to_keep_on_cleanup)
  releases          = capture(:ls, fetch(:releases_directory))
  release_to_delete = releases.sort_by { |r| rn.to_i }.slice(1..-(keep_releases + 1))
  releases_to_delete.each do |r|
    execute :rm, fetch(:releases_directory).join(r)
  end
end

task :touch_file do
  on roles(:all) do |host|
    f = '/some/file'
    if test("[ -d #{f} ]")
      execute :touch, f
    else
      info "#{f} already exists on #{host}!"
    end
  end
end

task :heredoc do
  on roles(:app) do
    execute <<-EOBLOCK
      # All of this block is interpreted as Bash script
      if ! [ -e /tmp/somefile ]
        then touch /tmp/somefile
        chmod 0644 /tmp/somefile
      fi
    EOBLOCK
    execute :git, :clone, "git@example.com:x.git", "/tmp/x"
    file = '/tmp/somefile'
    unless test("-e #{file}")
      execute :touch, file
    end
  end
end
