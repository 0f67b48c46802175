desc "Run the mapped commands"
task :mapped do
  on roles(:app) do
    execute :rake, "assets:precompile"
    execute :rails, "runner", "puts 1"
  end
end
