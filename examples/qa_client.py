#!/usr/bin/python3
"""A third-party client of Estrade's question channel, written from docs/qa-protocol.md alone.

Needs only pyzmq (Debian: python3-zmq) and Python 3.11 (tomllib). Usage:

    qa_client.py --requests tcp://127.0.0.1:7100 --updates tcp://127.0.0.1:7101 \
                 --keys examples/keys --site loudeac ask "Quel salaire en début de carrière ?"
    qa_client.py ... --site loudeac watch 10        # print updates for 10 seconds
    qa_client.py ... --moderator snapshot
    qa_client.py ... --site loudeac answer 3:4,12   # show of hands 3: 4 hands for the first answer, 12 for the second

Omit --keys for an event in plaintext mode and give --password (the site's SRT passphrase).
"""
import argparse
import json
import sys
import time
import tomllib
import uuid

import zmq


def secure(socket, args):
    if args.keys:
        me = "moderator" if args.moderator else args.site
        with open(f"{args.keys}/{me}.key", "rb") as f:
            pair = tomllib.load(f)
        with open(f"{args.keys}/broker.pub", "rb") as f:
            broker = tomllib.load(f)
        socket.curve_publickey = pair["public"].encode()
        socket.curve_secretkey = pair["secret"].encode()
        socket.curve_serverkey = broker["public"].encode()
    else:
        socket.plain_username = ("moderator" if args.moderator else args.site).encode()
        socket.plain_password = args.password.encode()


def request(ctx, args, body, timeout_ms=2500, attempts=3):
    """Lazy Pirate: resend the same id on a fresh socket; the broker never applies an id twice."""
    body.setdefault("id", uuid.uuid4().hex)
    for _ in range(attempts):
        sock = ctx.socket(zmq.REQ)
        sock.linger = 0
        secure(sock, args)
        sock.connect(args.requests)
        sock.send_string(json.dumps(body))
        if sock.poll(timeout_ms):
            reply = json.loads(sock.recv_string())
            sock.close()
            return reply
        sock.close()
    return None


def watch(ctx, args, seconds):
    sub = ctx.socket(zmq.SUB)
    secure(sub, args)
    sub.setsockopt_string(zmq.SUBSCRIBE, "")
    sub.connect(args.updates)
    sub.poll(3000)  # the subscription is live once anything (a heartbeat) arrives
    snapshot = request(ctx, args, {"cmd": "snapshot"})
    seq = snapshot["seq"]
    print(json.dumps({"kind": "snapshot", "seq": seq, "questions": len(snapshot["questions"])}), flush=True)
    end = time.time() + seconds
    while time.time() < end:
        if not sub.poll(100):
            continue
        update = json.loads(sub.recv_string())
        if update["seq"] <= seq and update["kind"] != "heartbeat":
            continue  # already in the snapshot
        if update["kind"] == "heartbeat":
            if update["seq"] > seq:  # missed something: take a new snapshot
                seq = request(ctx, args, {"cmd": "snapshot"})["seq"]
            continue
        if update["seq"] != seq + 1:
            seq = request(ctx, args, {"cmd": "snapshot"})["seq"]
            continue
        seq = update["seq"]
        print(json.dumps(update, ensure_ascii=False), flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--requests", required=True)
    p.add_argument("--updates", required=True)
    p.add_argument("--keys")
    p.add_argument("--password")
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--site")
    who.add_argument("--moderator", action="store_true")
    p.add_argument("command", choices=["hello", "ask", "vote", "snapshot", "pick", "watch", "answer"])
    p.add_argument("argument", nargs="?")
    args = p.parse_args()
    ctx = zmq.Context()
    if args.command == "watch":
        watch(ctx, args, float(args.argument or 10))
        return 0
    body = {"cmd": args.command}
    if args.command == "ask":
        body["text"] = args.argument
    elif args.command in ("vote", "pick"):
        body["question"] = int(args.argument)
    elif args.command == "answer":
        poll, counts = args.argument.split(":")
        body = {"cmd": "answer_poll", "poll": int(poll), "counts": [int(n) for n in counts.split(",")]}
    reply = request(ctx, args, body)
    if reply is None:
        print("no answer from the broker", file=sys.stderr)
        return 3
    print(json.dumps(reply, ensure_ascii=False))
    return 0 if reply["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
