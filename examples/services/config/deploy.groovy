// The services example: the Rack app in examples/services/app under a real unicorn master, deployed to a
// directory on this machine and restarted after each deploy; a restart counts only when the health check sees the
// new release. examples/services/run.sh sets SERVICES_REPO, SERVICES_DEPLOY_TO and SERVICES_PORT.
set 'application', 'hello'
set 'repo_url', System.getenv('SERVICES_REPO')
set 'deploy_to', System.getenv('SERVICES_DEPLOY_TO')
set 'branch', 'main'
set 'keep_releases', 3
set 'linked_dirs', ['log', 'tmp/pids']
set 'default_env', [SERVICES_PORT: System.getenv('SERVICES_PORT')]
set 'rollback_on_failure', true

service 'web', role: 'app', type: 'unicorn', config: 'config/unicorn.rb', timeout: 20
health 'web', http: "http://127.0.0.1:${System.getenv('SERVICES_PORT')}/up", expect: 200, body: ~/"release":"\d{14}"/,
       release: true, timeout: 15, interval: 1
