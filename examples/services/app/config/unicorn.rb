listen "127.0.0.1:#{ENV.fetch('SERVICES_PORT', '8089')}"
worker_processes 2
pid 'tmp/pids/unicorn.pid'
stderr_path 'log/unicorn.log'
timeout 15
