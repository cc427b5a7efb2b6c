# Runs moto server on 127.0.0.1:<port> (argv[1]) and exits as soon as the parent JVM closes our stdin.
#
# Two corrections to moto before it starts, for time and memory only; what DynamoDB calls write, reject and
# roll back is unchanged (docs/local-development.md, "Where local differs from AWS"):
# - moto's TransactWriteItems backs up a table for rollback once per *action* of the transaction, a deep copy
#   of the whole table each time, before any action runs, so every copy is identical and only the last is
#   kept. An imported member is one transaction of about ten actions. Here each table is copied once per
#   transaction.
# - moto keeps every model object it ever made in a class-level list for its dashboard (/moto-api/data.json),
#   and for DynamoDB that includes every item a write replaced and every item of every transaction's backup
#   copy, so memory grew with the square of an import's size (10 GB for 1 000 members) and Python's garbage
#   collector walked all of it. DynamoDB's models are not tracked here (the dashboard lists none of them).
import copy
import os
import sys
import threading

import moto.dynamodb.models as dynamodb_models
from moto.core.model_instances import model_data
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


def _untracked_new(cls, *args, **kwargs):
    return object.__new__(cls)


def _stop_tracking_dynamodb_models():
    for model in model_data["dynamodb"].values():
        model.__new__ = staticmethod(_untracked_new)
        model.instances_tracked = []


def _exit_when_parent_goes():
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    _copy_each_table_once()
    _stop_tracking_dynamodb_models()
    threading.Thread(target=_exit_when_parent_goes, daemon=True).start()
    from moto.server import main

    main(["-H", "127.0.0.1", "-p", sys.argv[1]])
