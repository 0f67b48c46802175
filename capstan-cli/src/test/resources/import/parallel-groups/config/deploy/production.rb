server "127.0.0.111", user: "deploy", roles: %w{web app}
server "127.0.0.112", user: "deploy", roles: %w{web app}
server "127.0.0.113", user: "deploy", roles: %w{worker}
server "127.0.0.114", user: "deploy", roles: %w{worker db}
