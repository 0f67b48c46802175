// One "server": this machine, through the local backend (no SSH).
server 'localhost', roles: ['app'], backend: 'local'
