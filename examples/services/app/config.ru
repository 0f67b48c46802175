# Reports the release it runs from: the health check waits until it names the new one.
GREETING = 'Hello'
run lambda { |env|
  [200, {'content-type' => 'application/json'}, ["{\"greeting\":\"#{GREETING}\",\"release\":\"#{File.basename(Dir.pwd)}\"}\n"]]
}
