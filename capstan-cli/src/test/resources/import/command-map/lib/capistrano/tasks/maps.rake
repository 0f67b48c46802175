desc "Run the mapped commands"
task :mapped do
  on roles(:app) do
    execute :rake, "assets:precompile"
    execute :rails, "runner", "puts"
    execute :bundle, "check"
    execute :sidekiqctl, "quiet"
    execute :ls, "-1"
  end
end
