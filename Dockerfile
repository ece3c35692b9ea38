FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY federation ./federation
COPY schemas ./schemas
COPY workers ./workers
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["federation", "serve", "--host", "0.0.0.0", "--port", "8000"]
