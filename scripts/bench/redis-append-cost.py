#!/usr/bin/env python3
# Feeds a Redis server batches of stream appends in one of four forms, over one raw connection, and waits for every
# reply (scripts/bench/redis-append-cost.sh runs it against a redis-server under callgrind; ADR 0044).
#   redis-append-cost.py PORT FORM [BATCHES] [EVENTS_PER_BATCH] [EVENT_BYTES]
#   FORM: pipelined (XADD per event, no transaction: the listeners), multi (the same in MULTI/EXEC: HTTP ingest),
#         lua (one EVALSHA per batch looping redis.call('XADD')), entries10 (ten events per stream entry)
import socket
import sys

port, form = int(sys.argv[1]), sys.argv[2]
batches = int(sys.argv[3]) if len(sys.argv) > 3 else 100
n = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
event = b"x" * (int(sys.argv[5]) if len(sys.argv) > 5 else 510)


def enc(*args):
    out = [b"*%d\r\n" % len(args)]
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(a), a))
    return b"".join(out)


s = socket.create_connection(("127.0.0.1", port))


def read_until(count_crlf):
    buf = b""
    while buf.count(b"\r\n") < count_crlf:
        buf += s.recv(1 << 20)
    return buf


if form == "lua":
    s.sendall(enc("SCRIPT", "LOAD", "for i=1,#ARGV do redis.call('XADD',KEYS[1],'*','e',ARGV[i]) end return #ARGV"))
    sha = read_until(2).split(b"\r\n")[1]
    batch, crlfs = enc("EVALSHA", sha, 1, "s", *([event] * n)), 1
elif form == "multi":
    batch = enc("MULTI") + b"".join(enc("XADD", "s", "*", "e", event) for _ in range(n)) + enc("EXEC")
    crlfs = 1 + n + 1 + 2 * n  # +OK, +QUEUED each, the EXEC array, a bulk id each
elif form == "entries10":
    batch, crlfs = b"".join(enc("XADD", "s", "*", *([b"e", event] * 10)) for _ in range(n // 10)), 2 * (n // 10)
elif form == "pipelined":
    batch, crlfs = b"".join(enc("XADD", "s", "*", "e", event) for _ in range(n)), 2 * n
else:
    sys.exit("FORM: pipelined, multi, lua or entries10")

for _ in range(batches):
    s.sendall(batch)
    read_until(crlfs)
    s.sendall(enc("XTRIM", "s", "MAXLEN", 0))
    read_until(1)
print("sent", batches * n)
