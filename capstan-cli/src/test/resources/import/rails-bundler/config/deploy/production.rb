server "127.0.0.61", user: "deploy", roles: %w{app db web}
set :rails_env, "production"
