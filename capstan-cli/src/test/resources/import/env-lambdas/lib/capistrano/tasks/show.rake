desc "Show the branch and the note"
task :show do
  on roles(:app) do
    execute :echo, fetch(:branch), fetch(:revision_note), fetch(:deploy_to)
  end
end
