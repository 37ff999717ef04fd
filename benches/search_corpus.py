#!/usr/bin/env python3
"""A synthetic archive for the search benchmark: topics, authors and published entries in
English (80 %), Simplified Chinese (10 %) and Japanese (10 %), words drawn with a Zipf-like
skew so that some words are in thousands of entries and most in a few. Deterministic (seeded).

Writes it straight into a migrated database, through the same tables the service uses; the
search index is filled by the database's own triggers, as it is for every write of the service.

Usage: search_corpus.py sqlite PATH ENTRIES
       search_corpus.py postgres DIR ENTRIES   (writes CSV files to DIR for psql \\copy)
"""
import csv
import os
import random
import sqlite3
import sys

random.seed(20261201)

ENGLISH = """
platform engineering kubernetes container cluster observability tracing logging metrics slo sli
error budget incident response postmortem on-call pager runbook deployment pipeline release
rollout canary feature flag testing integration contract chaos resilience reliability latency
throughput capacity scaling autoscaling cost finops cloud aws azure gcp terraform ansible helm
gitops argo flux operator controller service mesh istio linkerd envoy gateway ingress network
security zero trust identity secrets vault policy compliance audit supply chain sbom signing
developer experience portal backstage golden path paved road template scaffolding onboarding
documentation team topology stream aligned enabling platform complicated subsystem cognitive load
product thinking roadmap feedback survey adoption migration legacy monolith microservices api
database postgres sqlite cache redis queue kafka event streaming batch data pipeline analytics
machine learning model inference gpu ai assistant copilot prompt evaluation agent workflow
frontend backend mobile edge wasm rust go python java typescript build compile ci cd artifact
registry image docker runtime serverless function lambda storage backup disaster recovery
dora lead time change failure rate mean time to restore frequency value stream flow efficiency
culture leadership hiring career mentoring burnout remote async communication writing review
talk keynote workshop podcast episode interview panel article guide tutorial lessons learned
""".split()
CHINESE = """
平台 工程 容器 编排 集群 可观测性 监控 指标 日志 追踪 团队 交付 部署 发布 流水线 自动化 测试
安全 零信任 身份 合规 审计 开发者 体验 门户 模板 文档 认知 负载 产品 思维 迁移 微服务 数据库
缓存 队列 事件 数据 分析 机器 学习 模型 推理 云原生 成本 弹性 伸缩 故障 复盘 值班 可靠性
""".split()
JAPANESE = """
プラットフォーム エンジニアリング コンテナ オーケストレーション クラスター 可観測性 監視 指標
ログ トレース チーム デリバリー デプロイ リリース パイプライン 自動化 テスト セキュリティ
開発者 体験 ポータル テンプレート ドキュメント 認知 負荷 プロダクト 移行 マイクロサービス
データベース キャッシュ イベント データ 分析 機械学習 モデル 推論 クラウド コスト 障害 振り返り 信頼性
""".split()
FIRST = "Ada Grace Alan Barbara Linus Margaret Ken Dennis Radia Katherine Tim Vint Frances Edsger Donald Leslie Sophie Hedy Yuki Wei Mei Hiro Aiko Jun Li Chen".split()
LAST = "Lovelace Hopper Turing Liskov Torvalds Hamilton Thompson Ritchie Perlman Johnson Berners Cerf Allen Dijkstra Knuth Lamport Wilson Lamarr Tanaka Zhang Wang Sato Suzuki Kim Li Chen".split()
KINDS = ["article", "video", "post", "podcast", "talk", "other"]


def zipf_weights(n):
    return [1.0 / (rank + 1) ** 0.9 for rank in range(n)]


W_EN, W_ZH, W_JA = zipf_weights(len(ENGLISH)), zipf_weights(len(CHINESE)), zipf_weights(len(JAPANESE))


def text(language, words):
    if language == "zh-CN":
        return "".join(random.choices(CHINESE, W_ZH, k=words)) + "。"
    if language == "ja":
        return "の".join(random.choices(JAPANESE, W_JA, k=words)) + "。"
    chosen = random.choices(ENGLISH, W_EN, k=words)
    return " ".join(chosen).capitalize() + "."


def rows(entries):
    topics = []
    for i in range(60):
        year, month = 2021 + i // 12, i % 12 + 1
        opens = f"{year}-{month:02d}-01 00:00:00"
        closes = f"{year + (month == 12)}-{month % 12 + 1:02d}-01 00:00:00"
        title = text("en", 3).rstrip(".").title()
        topics.append((i + 1, f"topic-{year}-{month:02d}", f"{year}-{month:02d}", title, "", opens, closes, True, i,
                       opens, opens, 0, opens))
    authors, spellings = [], []
    for i in range(2000):
        name = f"{random.choice(FIRST)} {random.choice(LAST)} {i}"
        slug = name.lower().replace(" ", "-")
        authors.append((i + 1, slug, name, "", "2021-01-01 00:00:00", "2021-01-01 00:00:00"))
        spellings.append((name.lower(), i + 1))
    subs = []
    for n in range(1, entries + 1):
        topic = topics[(n * 60) // (entries + 1)]
        language = random.choices(["en", "zh-CN", "ja"], [8, 1, 1])[0]
        author = random.randrange(2000)
        published = topic[5][:8] + f"{(n % 27) + 1:02d} {n % 24:02d}:{n % 60:02d}:00"
        subs.append((n, f"b{n:09d}", topic[0], random.choice(KINDS), text(language, random.randint(4, 9)).rstrip("。."),
                     f"https://example.org/{n}", text(language, random.randint(15, 35)), authors[author][2],
                     f"a{author}@example.org", "approved", "x", published, published, published, published, published,
                     text(language, 8) if n % 10 == 0 else "", language, f"https://example.org/{n}", author + 1))
    return topics, authors, spellings, subs


TOPIC_COLUMNS = "id, slug, month, title, summary, opens_at, closes_at, announced, sequence, created_at, updated_at, content_version, content_changed_at"
AUTHOR_COLUMNS = "id, slug, name, bio, created_at, updated_at"
SUBMISSION_COLUMNS = ("id, public_id, topic_id, kind, title, url, summary, author_name, author_email, status, "
                      "edit_token_hash, created_at, updated_at, confirmed_at, decided_at, published_at, note, language, "
                      "canonical_url, author_id")


def main():
    engine, target, entries = sys.argv[1], sys.argv[2], int(sys.argv[3])
    topics, authors, spellings, subs = rows(entries)
    if engine == "sqlite":
        db = sqlite3.connect(target)
        with db:
            marks = lambda n: ", ".join("?" * n)
            db.executemany(f"INSERT INTO topics ({TOPIC_COLUMNS}) VALUES ({marks(13)})", topics)
            db.executemany(f"INSERT INTO authors ({AUTHOR_COLUMNS}) VALUES ({marks(6)})", authors)
            db.executemany(f"INSERT INTO author_spellings (spelling, author_id) VALUES (?, ?)", spellings)
            db.executemany(f"INSERT INTO submissions ({SUBMISSION_COLUMNS}) VALUES ({marks(20)})", subs)
        db.execute("ANALYZE")
        db.close()
    else:
        os.makedirs(target, exist_ok=True)
        for name, data in [("topics", topics), ("authors", authors), ("author_spellings", spellings), ("submissions", subs)]:
            with open(os.path.join(target, f"{name}.csv"), "w", newline="") as f:
                csv.writer(f, quoting=csv.QUOTE_ALL).writerows(data)
        with open(os.path.join(target, "load.sql"), "w") as f:
            f.write(f"\\copy topics ({TOPIC_COLUMNS}) FROM '{target}/topics.csv' CSV\n")
            f.write(f"\\copy authors ({AUTHOR_COLUMNS}) FROM '{target}/authors.csv' CSV\n")
            f.write(f"\\copy author_spellings (spelling, author_id) FROM '{target}/author_spellings.csv' CSV\n")
            f.write(f"\\copy submissions ({SUBMISSION_COLUMNS}) FROM '{target}/submissions.csv' CSV\n")
            for table in ["topics", "authors", "submissions"]:
                f.write(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}));\n")
            f.write("ANALYZE;\n")


if __name__ == "__main__":
    main()
