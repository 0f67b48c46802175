// One "server": this machine, through the local backend (no SSH).
server 'localhost', roles: ['app', 'web'], backend: 'local'
