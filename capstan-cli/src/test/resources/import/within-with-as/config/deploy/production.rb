server "127.0.0.91", user: "deploy", roles: %w{app db}
