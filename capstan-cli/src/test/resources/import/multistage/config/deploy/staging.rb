set :branch, "develop"
set :stage_label, "STAGING"

server "127.0.0.31", user: "deploy", roles: %w{app db web}, primary: true
