server '127.0.0.21', user: 'deploy', roles: %w{app}
server '127.0.0.22', user: 'deploy', roles: %w{web}
server '127.0.0.23', user: 'deploy', roles: %w{db}
