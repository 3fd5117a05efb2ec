"""Write the nginx server block and its snippets with the @TOKENS@ filled in.

    python deploy/render_nginx.py --site-root /var/www/xaydungdang/output \
        --server-name xaydungdang.example.vn --out /etc/nginx/xaydungdang
"""

from __future__ import annotations

import argparse
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = ("nginx-site.conf", "security-headers.conf", "search-proxy.conf")


def render(out: Path, site_root: str, server_name: str = "_", listen: str = "80",
           search_upstream: str = "127.0.0.1:8001",
           acme_root: str = "/var/www/letsencrypt") -> Path:
    """Render every file into `out`; returns the server block's path."""
    out.mkdir(parents=True, exist_ok=True)
    tokens = {
        "@SITE_ROOT@": site_root,
        "@SERVER_NAME@": server_name,
        "@LISTEN@": listen,
        "@SEARCH_UPSTREAM@": search_upstream,
        "@SNIPPETS@": str(out),
        "@ACME_ROOT@": acme_root,
    }
    for name in FILES:
        text = (HERE / name).read_text(encoding="utf-8")
        for token, value in tokens.items():
            text = text.replace(token, value)
        (out / name).write_text(text, encoding="utf-8")
    return out / "nginx-site.conf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-root", required=True)
    parser.add_argument("--server-name", default="_")
    parser.add_argument("--listen", default="80")
    parser.add_argument("--search-upstream", default="127.0.0.1:8001")
    parser.add_argument("--acme-root", default="/var/www/letsencrypt",
                        help="certbot --webroot folder for /.well-known/acme-challenge/")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(render(args.out, args.site_root, args.server_name, args.listen, args.search_upstream,
                 args.acme_root))


if __name__ == "__main__":
    main()
