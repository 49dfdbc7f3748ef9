"""``python -m smartstd``: the same command line as ``smartstd``.

以 ``python -m smartstd`` 运行命令行，与 ``smartstd`` 命令相同。
"""

from smartstd.cli import main

if __name__ == "__main__":
    main(prog_name="smartstd")
