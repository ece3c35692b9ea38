FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 FED_DATA_DIR=/data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY federation ./federation
COPY schemas ./schemas
COPY workers ./workers
RUN pip install --no-cache-dir . \
    && useradd --system --uid 10001 --no-create-home federation \
    && mkdir -p /data && chown federation /data
# The node and its worker run unprivileged; /data (FED_DATA_DIR) is the only place they write.
USER federation
EXPOSE 8000
CMD ["federation", "serve", "--host", "0.0.0.0", "--port", "8000"]
