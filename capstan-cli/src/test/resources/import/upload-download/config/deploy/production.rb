server "127.0.0.101", user: "deploy", roles: %w{web}
