#!/usr/bin/env python3
# Stands in for the ingest stream's consumer in scripts/bench/syslog.sh: every INTERVAL_MS, deletes every entry of
# the stream (XTRIM key MAXLEN 0) over one connection, until killed.
#
# The interval matters to what Redis costs per event. The alerter deletes each batch it has handled, so freed
# memory is reused at once. Deleting a whole second of appends at a time (~150 MB at 300,000 events/s) lets the
# allocator hand that memory back to the kernel, and Redis then spends about a third of its time faulting fresh
# pages in for new stream nodes (perf: lpNew and page faults); at 50 ms that cost is gone.
#   stream-trimmer.py PORT KEY [INTERVAL_MS]
import socket
import sys
import time

port, key = int(sys.argv[1]), sys.argv[2].encode()
interval = (int(sys.argv[3]) if len(sys.argv) > 3 else 50) / 1000
cmd = b"*4\r\n$5\r\nXTRIM\r\n$%d\r\n%s\r\n$6\r\nMAXLEN\r\n$1\r\n0\r\n" % (len(key), key)
s = socket.create_connection(("127.0.0.1", port))
while True:
    s.sendall(cmd)
    s.recv(64)  # ":<deleted>\r\n"
    time.sleep(interval)
