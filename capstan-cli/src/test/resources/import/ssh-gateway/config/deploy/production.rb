server "127.0.0.161", roles: %w{app}, ssh_options: { keys: %w(~/.ssh/internal), port: 2200 }
