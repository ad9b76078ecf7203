#!/usr/bin/env python3
"""Writes staff_40.csv: forty people of a 300-bed hospital for tests and screenshots (deterministic).
Usage: make_staff.py HEADER_LINE > staff_40.csv"""
import random
import sys

header = sys.argv[1].strip().split(",")
skills = [h for h in header if h.startswith("skill_")]
rng = random.Random(300)
surnames = "佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本".split()
roles = [("it_department", "医療情報部"), ("clerical", "医事課"), ("nurse", "看護部"), ("radiologic_technologist", "放射線部"),
         ("clinical_engineer", "臨床工学部"), ("physician", "診療部"), ("pharmacist", "薬剤部"), ("medical_technologist", "検査部")]
print(",".join(header))
for i, surname in enumerate(surnames):
    role, dept = roles[0] if i < 4 else roles[1 + i % 7]
    it = role == "it_department"
    row = {h: "" for h in header}
    row["name"] = f"{surname} {'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26]}."
    row["role"] = role
    row["department"] = dept
    row["employment"] = "part_time" if i % 9 == 8 else "full_time"
    row["experience_years"] = str(rng.randint(3, 15) if it else rng.randint(0, 4))
    row["healthcare_course"] = "yes" if it and i % 2 == 0 else "no"
    if it or i % 11 == 5:
        row["hit_date"] = f"20{rng.randint(15, 24)}-04-01"
    if i == 0:
        row["senior_hit_date"] = "2022-10-01"
    if i in (0, 1):
        row["rissa_date"] = "2024-10-01" if i == 0 else "2023-12-20"
        row["rissa_registered"] = "yes"
    if i in (2, 10, 17):
        row["sg_date"] = "2023-06-01"
    if i % 5 == 3:
        row["ip_date"] = "2021-09-15"
    for s in skills:
        base = 2 if it else 0
        level = min(4, max(0, base + rng.choice([0, 0, 1, 1, 2]) - (1 if rng.random() < 0.3 else 0)))
        row[s] = str(level)
    print(",".join(row[h] for h in header))
