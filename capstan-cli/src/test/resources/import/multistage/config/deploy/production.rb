set :branch, "main"

server "127.0.0.41", user: "deploy", roles: %w{app web}
server "127.0.0.42", user: "deploy", roles: %w{app web}
server "127.0.0.43", user: "deploy", roles: %w{db}, primary: true, no_release: true

role :worker, %w{deploy@127.0.0.44}, sidekiq: true
