role :app, %w{deploy@127.0.0.10}
role :web, %w{deploy@127.0.0.10}
role :db,  %w{deploy@127.0.0.10}

server '127.0.0.10', user: 'deploy', roles: %w{web app}, my_property: :my_value
