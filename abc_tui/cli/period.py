"""``abc-tui period list|submit|approve|reopen|close-round`` and ``abc-tui sent``: reporting periods
(open → submitted → approved; locked months), the bi-monthly evaluation rounds, and the log of
files sent upward (REPORTS.md "Periods and what was sent")."""

from __future__ import annotations

import argparse

ACTIONS = ("list", "submit", "approve", "reopen", "close-round")


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "period",
        parents=[common],
        help="reporting periods: list, submit (lock), approve, reopen a village-month; close an evaluation round",
        description="A village-month is open, submitted (its figures frozen; locked) or approved (locked). "
        "--area may be a village or any area above it (every village under it). Reopening needs --reason. "
        "close-round keeps the indicators of a two-month evaluation period (--period bimonth:2568-1).",
        epilog="Examples: abc-tui period list --area 540101 | abc-tui period submit --area 54010104 --month 2026-01 | "
        "abc-tui period reopen --area 54010104 --month 1/2569 --reason 'แก้รายการที่พิมพ์ผิด' | "
        "abc-tui period close-round --area 540101 --period bimonth:2569-1",
    )
    p.add_argument("action", choices=ACTIONS, metavar="ACTION", help=" | ".join(ACTIONS))
    p.add_argument(
        "--area", metavar="CODE", help="village (8 digits) or an area above it (default: the office's tambon)"
    )
    p.add_argument(
        "--month",
        metavar="M",
        help="the month (YYYY-MM, or B.E. like 1/2569); list: default the last 12 months",
    )
    p.add_argument("--period", metavar="SPEC", help="close-round: the two-month period (bimonth:2569-1)")
    p.add_argument("--reason", metavar="TEXT", help="reopen: why (required; audited)")
    p.add_argument(
        "--by", dest="period_user", metavar="NAME", help="who does it (default: --user, else the login name)"
    )
    p.set_defaults(func=run)

    s = sub.add_parser(
        "sent",
        parents=[common],
        help="the log of files sent upward (report, period, area, file, SHA-256, rows, who, when)",
        description="Every exported file is logged when it is written: newest first.",
    )
    s.add_argument("--limit", type=int, default=200, metavar="N", help="at most N files (default 200)")
    s.set_defaults(func=run_sent)


def _open(args: argparse.Namespace) -> None:
    from abc_tui.cli import existing_db
    from abc_tui.store.database import open_database

    path = existing_db(args)
    open_database(path)


def _who(args: argparse.Namespace) -> str:
    from abc_tui.reports.submission import login_name

    return args.period_user or getattr(args, "user", None) or login_name()


def run(args: argparse.Namespace) -> int:
    from abc_tui.cli.export import _office_area
    from abc_tui.domain.errors import AbcError
    from abc_tui.domain.thai import parse_month
    from abc_tui.reports import submission
    from abc_tui.reports.period import check_area, parse_period, resolve_period

    _open(args)
    area = check_area(args.area or _office_area()).code
    login = getattr(args, "login", None)  # the logged-in user while login is on (abc_tui.cli.main)
    who = login.name if login else _who(args)
    # Login off: role None (everything allowed); the store's _require is the one role check.
    role = login.role if login else None
    if args.action == "list":
        period = resolve_period(args.month, args.month) if args.month else resolve_period()
        return _list(area, period)
    if args.action == "close-round":
        if not args.period:
            raise AbcError(
                "ระบุช่วงสองเดือน --period (เช่น bimonth:2569-1)",
                "Give the two-month --period (e.g. bimonth:2569-1)",
            )
        r = submission.close_round(parse_period(args.period), area, who, role=role)
        print(f"ปิดรอบประเมินแล้ว / Round closed: {area} {r.period_from} – {r.period_to}")
        return 0
    if not args.month:
        raise AbcError(
            "ระบุเดือน --month (เช่น 2026-01 หรือ 1/2569)", "Give the --month (e.g. 2026-01 or 1/2569)"
        )
    month = parse_month(args.month)
    if args.action == "submit":
        for s in submission.submit(area, month, who, role=role):
            print(f"ส่งแล้ว (ล็อก) / Submitted (locked): {s.village} {s.month}")
            if s.unbalanced:
                print(
                    f"  คำเตือน: หน้าที่ยอดยังไม่ตรง {len(s.unbalanced)} หน้า / Warning: {len(s.unbalanced)} unbalanced pages:"
                )
                for code, status in s.unbalanced:
                    print(f"    {code} ({status})")
            for c in s.changes:
                print(f"  เปลี่ยนจากที่ส่งครั้งก่อน / changed since last submitted: {c.text()}")
    elif args.action == "approve":
        for village in submission.approve(area, month, who, role=role):
            print(f"อนุมัติแล้ว / Approved: {village} {month.iso()}")
    else:  # reopen
        for village in submission.reopen(area, month, who, args.reason or "", role=role):
            print(f"เปิดงวดใหม่แล้ว / Reopened: {village} {month.iso()}")
    return 0


def _list(area: str, period) -> int:
    from abc_tui.reports import queries
    from abc_tui.store import periods

    rows = {(p.village_code, p.month): p for p in periods.listing(area, period.first, period.last)}
    print("village   month    state      by                 at")
    for m in period.month_list():
        for v in queries.villages_in(area):
            p = rows.get((v, m.iso()))
            if p is None:
                print(f"{v}  {m.iso()}  open")
                continue
            by, at = (
                (p.approved_by, p.approved_at)
                if p.state == periods.APPROVED
                else (p.submitted_by, p.submitted_at)
            )
            if p.state == periods.OPEN:
                by, at = "", p.updated_at
            print(f"{v}  {m.iso()}  {p.state:<9}  {by:<17}  {(at or '')[:19]}")
    return 0


def run_sent(args: argparse.Namespace) -> int:
    from abc_tui.store import periods

    _open(args)
    rows = periods.sent(args.limit)
    if not rows:
        print("ยังไม่มีไฟล์ที่ส่ง / Nothing sent yet")
        return 0
    print("at                   report            period             area      rows  who  sha256  file")
    for r in rows:
        print(
            f"{r.at[:19]}  {r.report:<16}  {r.period_from}–{r.period_to}  {r.area_code:<8}  {r.rows:>5}  "
            f"{r.who or '-'}  {r.sha256[:12]}  {r.file_name}"
        )
    return 0
