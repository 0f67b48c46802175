namespace('hello') {
    desc 'Create the shared secrets file the app links to'
    task('secrets') {
        on(roles('app')) {
            execute "mkdir -p ${fetch('deploy_to')}/shared/config"
            execute "test -f ${fetch('deploy_to')}/shared/config/secrets.yml || echo 'token: example' > ${fetch('deploy_to')}/shared/config/secrets.yml"
        }
    }

    desc 'Show which version is live'
    task('announce') {
        on(roles('web')) { host ->
            within(fetch('deploy_to') + '/current') {
                info "live on ${host}: " + capture('grep', 'Version', 'public/index.html')
                execute 'bin/start'
            }
        }
    }
}

before 'deploy:check:linked_files', 'hello:secrets'
after 'deploy:published', 'hello:announce'
