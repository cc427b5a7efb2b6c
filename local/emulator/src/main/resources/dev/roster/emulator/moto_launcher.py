# Runs moto server on 127.0.0.1:<port> (argv[1]) and exits as soon as the parent JVM closes our stdin.
#
# One correction to moto before it starts, for speed only: moto's TransactWriteItems backs up a table for
# rollback once per *action* of the transaction, a deep copy of the whole table each time, before any action
# runs, so every copy is identical and only the last is kept. An imported member is one transaction of about
# ten actions, so an import was quadratic in the table's size with a tenfold constant. Here each table is
# copied once per transaction; what a transaction writes, rejects and rolls back is unchanged
# (docs/local-development.md, "How the local stack differs from AWS").
import copy
import os
import sys
import threading

import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models.table import Table


class _OneBackupPerTable:
    """Stands in for the copy module inside moto.dynamodb.models: during a transaction, a table's deep
    copy is made once and handed back for every further request to copy the same table."""

    def __init__(self):
        self._transaction = threading.local()

    def begin(self):
        self._transaction.backups = {}

    def end(self):
        self._transaction.backups = None

    def deepcopy(self, value, memo=None):
        backups = getattr(self._transaction, "backups", None)
        if backups is None or not isinstance(value, Table):
            return copy.deepcopy(value, memo)
        if id(value) not in backups:
            backups[id(value)] = copy.deepcopy(value, memo)
        return backups[id(value)]

    def __getattr__(self, name):
        return getattr(copy, name)


def _copy_each_table_once():
    one_backup = _OneBackupPerTable()
    transact_write_items = dynamodb_models.DynamoDBBackend.transact_write_items

    def transact_with_one_backup_per_table(self, transact_items):
        one_backup.begin()
        try:
            return transact_write_items(self, transact_items)
        finally:
            one_backup.end()

    dynamodb_models.copy = one_backup
    dynamodb_models.DynamoDBBackend.transact_write_items = transact_with_one_backup_per_table


def _exit_when_parent_goes():
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    _copy_each_table_once()
    threading.Thread(target=_exit_when_parent_goes, daemon=True).start()
    from moto.server import main

    main(["-H", "127.0.0.1", "-p", sys.argv[1]])
