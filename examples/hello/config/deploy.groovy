// The bundled example: deploys the app in examples/hello/app (made into a git repository by
// examples/quickstart.sh) to a directory on this machine.
set 'application', 'hello'
set 'repo_url', System.getenv('HELLO_REPO') ?: '/tmp/capstan-quickstart/hello.git'
set 'deploy_to', System.getenv('HELLO_DEPLOY_TO') ?: '/tmp/capstan-quickstart/srv/hello'
set 'branch', 'main'
set 'keep_releases', 3
append 'linked_dirs', 'log'
append 'linked_files', 'config/secrets.yml'
