// The bundled example: deploys the app in examples/hello/app (made into a git repository by
// examples/quickstart.sh, which sets HELLO_REPO and HELLO_DEPLOY_TO in a directory of its own) to a
// directory on this machine.
set 'application', 'hello'
set 'repo_url', System.getenv('HELLO_REPO')
set 'deploy_to', System.getenv('HELLO_DEPLOY_TO')
set 'branch', 'main'
set 'keep_releases', 3
append 'linked_dirs', 'log'
append 'linked_files', 'config/secrets.yml'
